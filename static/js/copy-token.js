/*
 * "Copy the token" on My account: a progressive enhancement. Without this script the button stays hidden and the
 * token is plain, selectable text. With it, the button copies the token (Clipboard API, or a selection and
 * execCommand where that is missing) and says so in a live region, in the page's language (the live region's
 * data-copied and data-copy-manually attributes, written by the template).
 */
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUp(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!target) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.textContent.trim();
      function done(message) {
        if (status) {
          status.textContent = message;
        }
      }
      function says(name, english) {
        return (status && status.getAttribute(name)) || english;
      }
      function fallback() {
        selectText(target);
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (error) {
          copied = false;
        }
        done(
          copied
            ? says("data-copied", "Copied.")
            : says("data-copy-manually", "The token is selected: press Ctrl+C (or ⌘+C) to copy it.")
        );
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () {
          selectText(target);
          done(says("data-copied", "Copied."));
        }, fallback);
      } else {
        fallback();
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
