/*
 * The portal's only script: loaded with `defer`, no dependencies, nothing fetched from elsewhere.
 * Everything it enhances already works without it: the menu is open, sub-menus open on hover and focus,
 * and embedded media are plain links.
 */
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 47.99em)");

  /* Main menu: on narrow screens a "Menu" button shows and hides the navigation. */
  function setUpMenuToggle() {
    var toggle = document.querySelector("[data-menu-toggle]");
    var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!toggle || !panel) {
      return;
    }

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("is-open", open);
    }

    panel.classList.add("is-collapsible");
    toggle.hidden = false;
    setOpen(false);

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  /* Sub-menus (e.g. "About us"): on wide screens a button beside the link opens a drop-down list. */
  function setUpSubmenus() {
    var nav = document.querySelector(".main-nav");
    if (!nav) {
      return;
    }
    var toggles = Array.prototype.slice.call(nav.querySelectorAll("[data-submenu-toggle]"));
    if (!toggles.length) {
      return;
    }

    function setOpen(toggle, open) {
      var list = document.getElementById(toggle.getAttribute("aria-controls"));
      toggle.setAttribute("aria-expanded", String(open));
      if (list) {
        list.classList.toggle("is-open", open);
      }
    }

    function closeAll(except) {
      toggles.forEach(function (toggle) {
        if (toggle !== except) {
          setOpen(toggle, false);
        }
      });
    }

    nav.classList.add("is-enhanced");
    toggles.forEach(function (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        closeAll(toggle);
        setOpen(toggle, open);
      });
      var item = toggle.parentElement;
      item.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
          event.stopPropagation();
          setOpen(toggle, false);
          toggle.focus();
        }
      });
      item.addEventListener("focusout", function (event) {
        if (!narrow.matches && event.relatedTarget && !item.contains(event.relatedTarget)) {
          setOpen(toggle, false);
        }
      });
    });

    document.addEventListener("click", function (event) {
      if (!nav.contains(event.target)) {
        closeAll(null);
      }
    });
  }

  /* Embedded media: the provider's HTML is inserted only when the visitor asks for it. */
  function setUpEmbeds() {
    var embeds = document.querySelectorAll("[data-embed]");
    Array.prototype.forEach.call(embeds, function (embed) {
      var button = embed.querySelector("[data-embed-load]");
      var template = embed.querySelector("template[data-embed-template]");
      var frame = embed.querySelector("[data-embed-frame]");
      if (!button || !template || !frame || !("content" in template)) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        frame.appendChild(document.importNode(template.content, true));
        var title = embed.getAttribute("data-embed-title") || "";
        Array.prototype.forEach.call(frame.querySelectorAll("iframe"), function (iframe) {
          if (!iframe.getAttribute("title")) {
            iframe.setAttribute("title", title);
          }
          /* The player's own proportions, set through the style object: the page's Content-Security-Policy
             forbids style attributes in HTML, not this. */
          var width = parseInt(iframe.getAttribute("width"), 10);
          var height = parseInt(iframe.getAttribute("height"), 10);
          if (width > 0 && height > 0) {
            iframe.style.aspectRatio = width + " / " + height;
          }
        });
        frame.hidden = false;
        embed.classList.add("is-loaded");
        button.remove();
        var target = frame.querySelector("iframe") || frame;
        target.focus();
      });
    });
  }

  setUpMenuToggle();
  setUpSubmenus();
  setUpEmbeds();
})();
