package ai.tock.community.content;

import java.util.Locale;

/** The two languages the bot speaks. */
public enum Language {
    FR(Locale.FRENCH),
    EN(Locale.ENGLISH);

    public final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /** English for any English locale, French otherwise (the page's own language). */
    public static Language of(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? EN : FR;
    }

    public String code() {
        return locale.getLanguage();
    }
}
