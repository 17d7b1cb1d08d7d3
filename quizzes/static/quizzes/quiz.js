/* KoFo Lernkontrolle: autosave per question and a quiet countdown.
 *
 * Progressive enhancement only: without this script every button posts the form and the
 * server saves the answers. With it, each answer is saved as soon as it changes (choices at
 * once, typed answers after a short pause or when the field is left), so a lost connection
 * loses at most the answer being typed. The server stays the judge of time and validity.
 */
(function () {
    "use strict";

    var form = document.querySelector("form[data-quiz-form]");
    var status = document.getElementById("quiz-save-status");
    var TYPING_PAUSE_MS = 1500;
    var typing = new Set();  // questions with typed text not yet sent

    function csrfToken() {
        var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    function say(text) {
        if (status) {
            status.textContent = text;
        }
    }

    function errorBox(fieldset) {
        return document.getElementById(fieldset.getAttribute("data-error-id"));
    }

    function showError(fieldset, message) {
        var box = errorBox(fieldset);
        if (!box) {
            return;
        }
        box.textContent = message;
        box.hidden = false;
        fieldset.classList.add("question--error");
        fieldset.setAttribute("aria-invalid", "true");
        var described = (fieldset.getAttribute("aria-describedby") || "").split(" ");
        if (described.indexOf(box.id) === -1) {
            described.push(box.id);
            fieldset.setAttribute("aria-describedby", described.join(" ").trim());
        }
        // Bring the learner to the problem; the message is linked to the fieldset and to a
        // text field, so it is read with the field.
        var text = fieldset.querySelector("input[type=text], textarea");
        if (text) {
            text.setAttribute("aria-invalid", "true");
            text.setAttribute("aria-describedby", box.id);
        }
        var first = fieldset.querySelector("input, textarea");
        if (first) {
            first.focus();
        }
    }

    function clearError(fieldset) {
        var box = errorBox(fieldset);
        if (box) {
            box.textContent = "";
            box.hidden = true;
            box.removeAttribute("role");
            var described = (fieldset.getAttribute("aria-describedby") || "").split(" ");
            fieldset.setAttribute("aria-describedby", described.filter(function (id) {
                return id && id !== box.id;
            }).join(" "));
        }
        fieldset.classList.remove("question--error");
        fieldset.removeAttribute("aria-invalid");
        var text = fieldset.querySelector("input[type=text], textarea");
        if (text) {
            text.removeAttribute("aria-invalid");
            text.removeAttribute("aria-describedby");
        }
    }

    function save(fieldset) {
        var url = fieldset.getAttribute("data-save-url");
        if (!url) {
            return Promise.resolve();
        }
        var data = new FormData();
        fieldset.querySelectorAll("input, textarea").forEach(function (input) {
            if ((input.type === "radio" || input.type === "checkbox") && !input.checked) {
                return;
            }
            data.append(input.name, input.value);
        });
        data.append("csrfmiddlewaretoken", csrfToken());
        say(form.getAttribute("data-saving-text"));
        return fetch(url, {
            method: "POST",
            body: data,
            credentials: "same-origin",
            headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
        }).then(function (response) {
            return response.json().catch(function () {
                return {};
            }).then(function (body) {
                if (response.ok && body.saved) {
                    clearError(fieldset);
                    say(body.message);
                } else if (body.redirect) {
                    // The attempt is over (deadline passed): the server shows what happened.
                    window.location.assign(body.redirect);
                } else {
                    // The status line says that it failed; the question says why.
                    say(form.getAttribute("data-error-text"));
                    showError(fieldset, body.error || form.getAttribute("data-error-text"));
                }
            });
        }).catch(function () {
            say(form.getAttribute("data-offline-text"));
        });
    }

    function setUpAutosave() {
        if (!form || !window.fetch || !window.FormData) {
            return;
        }
        form.querySelectorAll("fieldset[data-save-url]").forEach(function (fieldset) {
            var timer = null;
            fieldset.addEventListener("change", function () {
                window.clearTimeout(timer);
                typing.delete(fieldset);
                save(fieldset);
            });
            fieldset.addEventListener("input", function (event) {
                if (event.target.type === "radio" || event.target.type === "checkbox") {
                    return;
                }
                typing.add(fieldset);
                window.clearTimeout(timer);
                timer = window.setTimeout(function () {
                    typing.delete(fieldset);
                    save(fieldset);
                }, TYPING_PAUSE_MS);
            });
        });
    }

    /* The countdown shows minutes:seconds visually (aria-hidden) and announces the time left
     * to screen readers only at a few moments (10, 5, 1 minute), never every second. */
    function setUpCountdown() {
        var clock = document.querySelector("[data-deadline]");
        if (!clock) {
            return;
        }
        var deadline = Date.parse(clock.getAttribute("data-deadline"));
        var serverNow = Date.parse(clock.getAttribute("data-now"));
        if (isNaN(deadline) || isNaN(serverNow)) {
            return;
        }
        var offset = serverNow - Date.now();
        var visible = clock.querySelector("[data-countdown]");
        var wrap = clock.querySelector("[data-countdown-wrap]");
        if (wrap) {
            wrap.hidden = false;
        }
        var announcer = document.getElementById("quiz-time-announcement");
        var announceAt = [10, 5, 1];
        var announced = {};
        var template = clock.getAttribute("data-announce-template");
        // After the deadline the server still accepts answers for a grace period, and only
        // then submits the attempt; going to it earlier would just show the question again.
        var graceMs = (parseInt(clock.getAttribute("data-grace-seconds"), 10) || 0) * 1000 + 2000;
        var timeUp = false;

        function tick() {
            var left = Math.max(0, deadline - (Date.now() + offset));
            var seconds = Math.floor(left / 1000);
            var minutes = Math.floor(seconds / 60);
            var rest = seconds % 60;
            if (visible) {
                visible.textContent = minutes + ":" + (rest < 10 ? "0" : "") + rest;
                visible.hidden = false;
            }
            announceAt.forEach(function (mark) {
                if (!announced[mark] && seconds <= mark * 60) {
                    announced[mark] = true;
                    if (announcer && template) {
                        announcer.textContent = template.replace("%(minutes)s", String(mark));
                    }
                }
            });
            if (left <= 0 && !timeUp) {
                timeUp = true;
                // Send what is being typed now: the server accepts it for a few seconds more.
                Array.from(typing).forEach(function (fieldset) {
                    typing.delete(fieldset);
                    save(fieldset);
                });
            }
            if (Date.now() + offset > deadline + graceMs) {
                window.clearInterval(interval);
                // The server submits with what was saved and shows the result.
                window.location.assign(clock.getAttribute("data-expired-url"));
            }
        }
        // Mark moments already passed at load as announced, so a reload does not repeat them.
        var startLeft = Math.floor((deadline - (Date.now() + offset)) / 1000);
        announceAt.forEach(function (mark) {
            if (startLeft <= mark * 60) {
                announced[mark] = true;
            }
        });
        var interval = window.setInterval(tick, 1000);
        tick();
    }

    /* Where a keyboard or screen reader user continues after a page load: what went wrong,
     * else the feedback just given, else the "saved" message, else the question's heading. */
    function focusOnLoad() {
        var candidates = [
            document.querySelector("#form-errors[data-focus-on-load]"),
            document.querySelector(".feedback[data-focus-on-load]"),
            form ? document.querySelector(".messages") : null,
            document.querySelector("[data-focus-on-load]")
        ];
        var target = candidates.filter(Boolean)[0];
        if (target) {
            if (!target.hasAttribute("tabindex")) {
                target.setAttribute("tabindex", "-1");
            }
            target.focus();
        }
    }

    setUpAutosave();
    setUpCountdown();
    focusOnLoad();
    // Says "listening": what is typed from now on is autosaved (browser tests wait for it
    // instead of guessing how long a busy machine needs to run this deferred script).
    if (form) {
        form.setAttribute("data-quiz-ready", "true");
    }
})();
