// The chat page: Tock's own widget talking to this bot's web connector at /web.
(function () {
  'use strict';
  var openingMessages = {
    fr: 'Bonjour ! Je réponds aux questions sur la communauté Tock : Gitter, sources, licence, TOSIT, démo… Par exemple : « Où est le Gitter ? »',
    en: 'Hello! I answer questions about the Tock community: Gitter, sources, licence, TOSIT, demo… For example: "Where is the Gitter?"'
  };
  var container = document.getElementById('chat');
  var buttons = document.querySelectorAll('button[data-locale]');

  function start(locale) {
    // The widget renders once per container: a new container gives a fresh chat in the new language.
    container.innerHTML = '';
    var mount = document.createElement('div');
    mount.className = 'chat-mount';
    container.appendChild(mount);
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.locale === locale)); });
    document.documentElement.lang = locale;
    window.TockReact.renderChat(mount, '/web', undefined, {}, {
      disableSse: true,
      locale: locale,
      openingMessage: openingMessages[locale],
      localStorageHistory: { enable: false }
    });
  }

  buttons.forEach(function (b) {
    b.addEventListener('click', function () { start(b.dataset.locale); });
  });
  var preferred = (navigator.language || 'fr').toLowerCase().indexOf('en') === 0 ? 'en' : 'fr';
  if (window.TockReact) {
    start(preferred);
  } else {
    container.textContent = 'The chat widget is missing from this build (tock-react-kit.js).';
  }
})();
