// akool-mock dashboard: refresh the live panels every second, and send the control API's actions.
// No framework and no build step; the page works (read-only) without it.
(function () {
  "use strict";
  var live = document.getElementById("live");
  var flash = document.getElementById("flash");
  var state = document.getElementById("live-state");
  var last = live ? live.innerHTML : "";

  function say(text, isError) {
    flash.textContent = text;
    flash.className = isError ? "error" : "";
  }

  function openDetails() {
    return Array.prototype.map.call(live.querySelectorAll("details[open]"), function (d) { return d.id; });
  }

  function refresh() {
    return fetch(live.dataset.src, { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) {
        if (!answer.ok) { throw new Error("HTTP " + answer.status); }
        return answer.text();
      })
      .then(function (html) {
        state.textContent = "live";
        state.className = "live";
        if (html === last) { return; }
        var focused = document.activeElement && document.activeElement.id;
        var opened = openDetails();
        live.innerHTML = html;
        last = html;
        opened.forEach(function (id) {
          var d = document.getElementById(id);
          if (d) { d.open = true; }
        });
        if (focused) {
          var again = document.getElementById(focused);
          if (again) { again.focus(); }
        }
      })
      .catch(function (error) {
        state.textContent = "offline (" + error.message + ")";
        state.className = "live paused";
      });
  }

  function post(path, body, label) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body || {})
    }).then(function (answer) {
      return answer.json().then(function (data) {
        if (!answer.ok) { throw new Error(data.error || "HTTP " + answer.status); }
        say(label + ": done");
        return refresh();
      });
    }).catch(function (error) { say(label + ": " + error.message, true); });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button[data-post]");
    if (!target) { return; }
    if (target.dataset.confirm && !window.confirm(target.dataset.confirm)) { return; }
    var subject = (target.id || "").split("-").slice(1).join("-");
    post(target.dataset.post, {}, (target.textContent + " " + subject).trim());
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset.postForm) { return; }
    event.preventDefault();
    var seconds = Number(form.elements.seconds.value);
    post(form.dataset.postForm, { seconds: seconds }, "advance " + seconds + " s");
  });

  if (live) { window.setInterval(refresh, 1000); }
})();
