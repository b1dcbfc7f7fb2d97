/*
 * Title suggestions under the site's search boxes (forms with `data-search-autocomplete="<url>"`).
 *
 * Progressive enhancement: without this script the forms are plain GET forms to /search/. With it, the text box
 * becomes an ARIA 1.2 combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/) whose listbox shows the
 * titles the suggestions address returns for what was typed: up and down arrows move through them, Enter opens
 * the highlighted one (or submits the search when none is), Escape closes the list. A polite status message says
 * how many suggestions there are. Titles are inserted as text, never as HTML. Nothing is loaded from elsewhere.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 180;

  function enhance(form, number) {
    var input = form.querySelector("input[name=q]");
    var url = form.getAttribute("data-search-autocomplete");
    if (!input || !url || !window.fetch) {
      return;
    }
    var listId = (input.id || "search-q-" + number) + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    form.classList.add("has-suggestions");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var suggestions = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function setActive(index) {
      var items = options();
      active = index;
      Array.prototype.forEach.call(items, function (item, i) {
        item.setAttribute("aria-selected", String(i === index));
      });
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function open() {
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function go(index) {
      var suggestion = suggestions[index];
      if (suggestion) {
        close();
        window.location.assign(suggestion.url);
      }
    }

    function render(query, found) {
      suggestions = found;
      list.textContent = "";
      found.forEach(function (suggestion, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.className = "search-suggestion";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "search-suggestion__title";
        title.textContent = suggestion.title;
        var kind = document.createElement("span");
        kind.className = "search-suggestion__kind";
        kind.textContent = suggestion.kind === "document" ? "Document" : "Page";
        item.appendChild(title);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(kind);
        // mousedown would blur the text box first and close the list before the click lands.
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        item.addEventListener("click", function () {
          go(i);
        });
        list.appendChild(item);
      });
      setActive(-1);
      if (found.length) {
        open();
        status.textContent =
          found.length + (found.length === 1 ? " suggestion" : " suggestions") + ". Use the up and down arrows to choose.";
      } else {
        close();
        status.textContent = query ? "No suggestions." : "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) {
        open();
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      if (query.length < MIN_LENGTH) {
        render("", []);
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      window
        .fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: controller ? controller.signal : undefined,
        })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) {
            render(query, data.suggestions || []);
          }
        })
        .catch(function () {
          /* Aborted or offline: the form still searches. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = suggestions.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        open();
        setActive(active + 1 >= count ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        open();
        setActive(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", close);
    form.addEventListener("submit", close);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-search-autocomplete]"), enhance);
})();
