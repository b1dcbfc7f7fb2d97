/*
 * The language switcher remembers the visitor's choice: clicking a language stores it in the language cookie
 * (settings.LANGUAGE_COOKIE_NAME and _AGE, given on the switcher; read by portal/i18n.py), so "/" sends them to that
 * language next time.
 * Without this script the links still work; "/" then follows the browser's Accept-Language.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-language-choice]");
    if (!link) {
      return;
    }
    var switcher = link.closest("[data-language-cookie]");
    var name = switcher && switcher.getAttribute("data-language-cookie");
    var maxAge = parseInt(switcher && switcher.getAttribute("data-language-cookie-age"), 10);
    var language = link.getAttribute("data-language-choice");
    if (!name || !/^[A-Za-z0-9_-]+$/.test(name) || !/^[a-z]{2,3}(-[a-z0-9]+)?$/i.test(language)) {
      return;
    }
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie =
      name + "=" + language + "; Path=/" + (maxAge > 0 ? "; Max-Age=" + maxAge : "") + "; SameSite=Lax" + secure;
  });
})();
