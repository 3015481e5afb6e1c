// The web chat: no build step, no framework. Text is always inserted as text, never as HTML.
(function () {
  "use strict";
  var transcript = document.getElementById("transcript");
  var choices = document.getElementById("choices");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var error = document.getElementById("error");
  var words = form.dataset;  // the page's translated words for the script
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var busy = false;
  // A web address, without the punctuation that ends the sentence it stands in ("see derby.gov.uk, or...").
  var LINK = /(https?:\/\/[^\s,;]*[^\s,;.!?)])/;

  // Web addresses become links; everything else stays text.
  function appendText(parent, text) {
    text.split(LINK).forEach(function (part, index) {
      if (index % 2 === 1) {
        var a = document.createElement("a");
        a.href = part;
        a.textContent = part;
        a.rel = "noreferrer";
        parent.appendChild(a);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function addMessage(from, text) {
    var item = document.createElement("li");
    item.className = "message " + from;
    var who = document.createElement("span");
    who.className = "who visually-hidden";
    who.textContent = from === "resident" ? words.you : words.reply;
    item.appendChild(who);
    text.split("\n\n").forEach(function (para) {
      var p = document.createElement("p");
      appendText(p, para);
      item.appendChild(p);
    });
    transcript.appendChild(item);
    item.scrollIntoView({ block: "end", behavior: reduceMotion ? "auto" : "smooth" });
  }

  function showChoices(list) {
    choices.textContent = "";
    (list || []).forEach(function (choice) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button choice";
      button.textContent = choice.label;
      button.addEventListener("click", function () { send(choice.label); });
      choices.appendChild(button);
    });
  }

  function clientId() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function showError(message) {
    error.textContent = message;
    input.setAttribute("aria-invalid", "true");
  }

  function send(text) {
    if (busy) { return; }
    if (!text.trim()) { showError(words.empty); input.focus(); return; }
    busy = true;
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    addMessage("resident", text);
    showChoices([]);
    fetch("/api/chat/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ text: text, client_id: clientId(), language: words.language })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { showError(result.body.error || words.failed); return; }
      var last = null;
      result.body.messages.forEach(function (m) { addMessage("service", m.text); last = m; });
      showChoices(last ? last.choices : []);
      input.value = "";
    }).catch(function () {
      showError(words.offline);
    }).then(function () {
      busy = false;
      var first = choices.querySelector("button");
      (first || input).focus();
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); send(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); send(input.value); }
  });

  // Resume after a reload: the conversation lives on the server.
  fetch("/api/chat/messages", { credentials: "same-origin" }).then(function (r) { return r.json(); })
    .then(function (body) {
      var last = null;
      (body.messages || []).forEach(function (m) { addMessage(m.from, m.text); if (m.from === "service") { last = m; } });
      if (last) { showChoices(last.choices); }
    }).catch(function () {});
})();
