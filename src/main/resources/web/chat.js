// The chat page: Tock's own widget talking to this bot's web connector at /web.
(function () {
  'use strict';
  // The widget sends the opening message to the bot, unseen: a greeting makes the bot introduce itself.
  var openingMessages = { fr: 'bonjour', en: 'hello' };
  var container = document.getElementById('chat');
  var buttons = document.querySelectorAll('button[data-locale]');
  var browserLanguage = (navigator.language || 'fr').toLowerCase().indexOf('en') === 0 ? 'en' : 'fr';

  // 'auto': no locale is sent, and the bot answers in the language each question is written in.
  function start(choice) {
    // The widget renders once per container: a new container gives a fresh chat in the new language.
    container.innerHTML = '';
    var mount = document.createElement('div');
    mount.className = 'chat-mount';
    container.appendChild(mount);
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.locale === choice)); });
    var language = choice === 'auto' ? browserLanguage : choice;
    document.documentElement.lang = language;
    window.TockReact.renderChat(mount, '/web', undefined, {}, {
      disableSse: true,
      locale: choice === 'auto' ? undefined : choice,
      openingMessage: openingMessages[language],
      localStorageHistory: { enable: false }
    });
  }

  buttons.forEach(function (b) {
    b.addEventListener('click', function () { start(b.dataset.locale); });
  });
  if (window.TockReact) {
    start('auto');
  } else {
    container.textContent = 'The chat widget is missing from this build (tock-react-kit.js).';
  }
})();
