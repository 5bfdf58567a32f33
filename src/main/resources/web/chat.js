// The chat: Tock's own widget (tock-react-kit) talking to this bot's web connector at /web.
// The bot's page loads it, and so can another site (README, "Put the chat on another site"): it reads
// its settings from its own <script> tag, and talks to the origin it was loaded from.
(function () {
  'use strict';
  var script = document.currentScript;
  var options = script.dataset; // data-container, data-locale, data-history-messages, data-history-hours
  var botOrigin = new URL(script.src, window.location.href).origin;
  var container = document.getElementById(options.container || 'chat');

  // Tock's colours (its logo's blue and ink), given to the widget through its theme.
  var TOCK_BLUE = '#73A1FF';
  var TOCK_INK = '#1D1D1B';
  var theme = {
    palette: {
      background: { bot: TOCK_INK, user: TOCK_BLUE, card: '#FFFFFF', input: '#FFFFFF', inputDisabled: '#D9DCE1' },
      text: { bot: '#FFFFFF', user: TOCK_INK, card: TOCK_INK, input: TOCK_INK }
    },
    sizing: { borderRadius: '1em', conversation: { width: '46rem' } },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', fontSize: '16px' },
    overrides: {
      // Links in answers: Tock blue on ink is 6.6:1; long addresses wrap instead of widening a phone's page.
      // Also the style of the widget's "typing" bubble, whose dots are the bot's text colour: it needs the bot's background.
      messageBot: 'background: ' + TOCK_INK + '; line-height: 1.45; overflow-wrap: anywhere; max-width: calc(100% - 2em);'
        + ' box-sizing: border-box;'
        + ' a { color: ' + TOCK_BLUE + '; text-decoration: underline; }'
        + ' a:focus-visible { outline: 2px solid #FFFFFF; outline-offset: 2px; }',
      messageUser: 'line-height: 1.45; overflow-wrap: anywhere; max-width: calc(100% - 2em); box-sizing: border-box;',
      quickReply: 'margin: 0.25em; &:focus-visible { outline: 3px solid ' + TOCK_BLUE + '; outline-offset: 1px; }',
      chatInput: {
        container: 'padding: 0 1em; box-sizing: border-box;',
        // Room on the right for the send and clear buttons; a border and a focus ring the widget leaves out;
        // the same height on the bot's page and on a site that embeds the chat.
        input: 'box-sizing: border-box; height: 2.75em; padding-right: 6em; border: 1px solid #6B7078; min-width: 0;'
          + ' &:focus { outline: 3px solid ' + TOCK_BLUE + '; outline-offset: 1px; }',
        icon: 'margin-right: 1em;' // inside the field, which the container's padding moved in
      }
    }
  };

  // The opening messages are greetings the bot knows, in words that tell their language ('hello' alone
  // is French too): in 'auto' the bot takes the welcome's language from them.
  var texts = {
    fr: {
      opening: 'bonjour', heading: 'Bot de la communauté Tock', languages: 'Langue des réponses',
      auto: 'Auto : la langue de chaque question', question: 'Votre question', placeholder: 'Posez votre question…',
      send: 'Envoyer', clear: 'Effacer la conversation'
    },
    en: {
      opening: 'hello there', heading: 'Tock community bot', languages: 'Answer language',
      auto: 'Auto: the language of each question', question: 'Your question', placeholder: 'Ask your question…',
      send: 'Send', clear: 'Clear the conversation'
    }
  };

  // The conversation is kept by the widget in localStorage, under this prefix, bounded in messages
  // (by the widget) and in age (here: forgotten that long after the visitor's last message).
  var PREFIX = 'tock-community';
  var WIDGET_HISTORY_KEYS = ['tockMessageHistory', 'tockQuickReplyHistory', 'tockHandledResponses'];
  var LAST_ACTIVITY_KEY = PREFIX + '_lastActivity';
  var LANGUAGE_KEY = PREFIX + '_language';
  var HISTORY_MESSAGES = positiveNumber(options.historyMessages, 30);
  var HISTORY_MILLIS = positiveNumber(options.historyHours, 24) * 3600 * 1000;

  var browserLanguage = (navigator.language || 'fr').toLowerCase().indexOf('en') === 0 ? 'en' : 'fr';
  var languageButtons = document.querySelectorAll('[data-chat-languages] button[data-locale]');
  var endpoint = botOrigin + '/web';
  var OPENING_WAIT_MILLIS = 10000;
  var choice = 'auto';
  // The chat on screen: its element, whether the opening exchange is over, and a question held until then.
  var chat = null;

  function positiveNumber(text, fallback) {
    var number = Number(text);
    return number > 0 ? number : fallback;
  }

  // Storage can be refused (private modes, blocked cookies): the chat then works without memory.
  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* no memory */ }
  }

  function forgetConversation() {
    WIDGET_HISTORY_KEYS.forEach(function (key) {
      try { window.localStorage.removeItem(PREFIX + '_' + key); } catch (e) { /* nothing kept */ }
    });
    store(LAST_ACTIVITY_KEY, String(Date.now()));
  }

  function forgetIfOld() {
    var last = Number(stored(LAST_ACTIVITY_KEY));
    if (!(last > 0) || Date.now() - last > HISTORY_MILLIS) {
      forgetConversation();
    }
  }

  function languageOf(chosen) {
    return chosen === 'auto' ? browserLanguage : chosen;
  }

  // The bot's own page: its heading, title and language buttons follow the chosen language.
  function showLanguage(language) {
    var t = texts[language];
    container.lang = language;
    var heading = document.querySelector('[data-chat-heading]');
    if (heading) { // the bot's own page, not a site that embeds the chat
      document.documentElement.lang = language;
      heading.textContent = t.heading;
      document.title = t.heading;
    }
    var group = document.querySelector('[data-chat-languages]');
    if (group) {
      group.setAttribute('aria-label', t.languages);
    }
    languageButtons.forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.locale === choice));
      if (b.dataset.locale === 'auto') {
        b.title = t.auto;
      }
    });
  }

  // What the widget leaves out: a name and a hint for its text field. Done once it has drawn it.
  function whenDrawn(mount, t) {
    function complete() {
      var input = mount.querySelector('form input');
      if (!input) {
        return false;
      }
      input.setAttribute('aria-label', t.question);
      input.setAttribute('placeholder', t.placeholder);
      input.setAttribute('autocomplete', 'off');
      input.setAttribute('enterkeyhint', 'send');
      return true;
    }
    if (!complete()) {
      var observer = new MutationObserver(function () {
        if (complete()) {
          observer.disconnect();
        }
      });
      observer.observe(mount, { childList: true, subtree: true });
    }
  }

  // The visitor's first question waits until the welcome is there (or the opening exchange is over
  // without one), so that the welcome always comes first, however the two requests travel.
  function watchOpening(current) {
    function opened() {
      if (current.opened) {
        return;
      }
      current.opened = true;
      observer.disconnect();
      timings.disconnect();
      window.clearTimeout(timer);
      var form = current.held;
      current.held = null;
      if (form && chat === current) {
        if (form.requestSubmit) { form.requestSubmit(); } else { form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })); }
      }
    }
    var observer = new MutationObserver(function () {
      if (current.mount.querySelector('[aria-live] li')) { // the welcome, or the conversation restored
        opened();
      }
    });
    observer.observe(current.mount, { childList: true, subtree: true });
    var timings = new PerformanceObserver(function (list) { // the opening request ended, welcome or not
      if (list.getEntries().some(function (entry) { return entry.name === endpoint; })) {
        opened();
      }
    });
    timings.observe({ type: 'resource' });
    var timer = window.setTimeout(opened, OPENING_WAIT_MILLIS); // never sent at all: stop waiting
  }

  function start(chosen) {
    choice = chosen;
    var language = languageOf(chosen);
    var t = texts[language];
    forgetIfOld();
    showLanguage(language);
    // The widget draws once per element: a new one gives a new chat (in the new language).
    container.innerHTML = '';
    var mount = document.createElement('div');
    mount.style.height = '100%'; // the chat takes the height its container is given
    container.appendChild(mount);
    chat = { mount: mount, opened: false, held: null };
    watchOpening(chat);
    window.TockReact.renderChat(mount, endpoint, undefined, theme, {
      disableSse: true,
      // 'auto': no locale is sent, and the bot answers in the language each question is written in.
      locale: chosen === 'auto' ? undefined : chosen,
      // Sent, unseen, only when there is no conversation to restore: the bot's greeting is the welcome
      // (the visitor's first question waits for it: watchOpening).
      openingMessage: t.opening,
      // Each answer shows as it arrives (the widget's default holds every bot message back 0.7 s).
      timeoutBetweenMessage: 0,
      localStorage: { prefix: PREFIX },
      localStorageHistory: { enable: true, maxNumberMessages: HISTORY_MESSAGES },
      accessibility: { input: { sendButtonLabel: t.send, clearButtonLabel: t.clear } }
    });
    whenDrawn(mount, t);
  }

  function isClearButton(element) {
    var button = element && element.closest ? element.closest('button') : null;
    var icon = button && button.querySelector('svg[aria-label]');
    return icon && (icon.getAttribute('aria-label') === texts.fr.clear || icon.getAttribute('aria-label') === texts.en.clear);
  }

  if (!container) {
    window.console.error('tock community chat: no element with id "' + (options.container || 'chat') + '"');
    return;
  }
  if (!window.TockReact) {
    container.textContent = 'The chat widget is missing (tock-react-kit.js).';
    return;
  }

  // Before the widget's own handlers (it listens on the element it draws in, inside this one).
  container.addEventListener('click', function (event) {
    if (isClearButton(event.target)) {
      // The widget's clear button only works with a mouse and leaves an empty chat: start afresh instead.
      event.preventDefault();
      event.stopPropagation();
      forgetConversation();
      start(choice);
      return;
    }
    if (event.target.closest && event.target.closest('button') && !event.target.closest('form')) {
      store(LAST_ACTIVITY_KEY, String(Date.now()));
      if (event.detail === 0) { // a quick reply chosen from the keyboard: the list goes, focus goes back to typing
        var input = container.querySelector('form input');
        if (input) {
          input.focus();
        }
      }
    }
  }, true);
  container.addEventListener('submit', function (event) {
    store(LAST_ACTIVITY_KEY, String(Date.now()));
    if (chat && !chat.opened) { // kept from the widget until the welcome is there; the text stays in the field
      event.preventDefault();
      event.stopPropagation();
      chat.held = event.target;
    }
  }, true);

  languageButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      store(LANGUAGE_KEY, b.dataset.locale);
      forgetConversation();
      start(b.dataset.locale);
    });
  });

  function known(chosen) {
    return chosen === 'fr' || chosen === 'en' || chosen === 'auto' ? chosen : null;
  }

  // The page remembers the visitor's choice of language; a site that embeds the chat sets data-locale.
  start((languageButtons.length > 0 && known(stored(LANGUAGE_KEY))) || known(options.locale) || 'auto');
})();
