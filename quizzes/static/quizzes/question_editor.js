/* The quiz editor (Wagtail admin, snippet "Lernkontrollen"): each question shows only the
 * fields of its type, and a new true-or-false question gets its two answers.
 *
 * Progressive enhancement: without this file every field is visible and everything works.
 * The panels say which types they belong to in data-question-kinds (quizzes/viewsets.py);
 * hidden panels use the hidden attribute, so they leave the tab order and the
 * accessibility tree. Loaded as a file (django-csp: no inline script, no eval).
 */
(function () {
  "use strict";

  var KIND_SELECT = 'select[name^="questions-"][name$="-kind"]';

  function questionOf(select) {
    return select.closest("[data-inline-panel-child]");
  }

  function ownPanels(question) {
    // Only this question's panels, not those of a question nested deeper (there are none
    // today, but answers are inline children too).
    return Array.prototype.filter.call(
      question.querySelectorAll("[data-question-kinds]"),
      function (panel) {
        return panel.parentElement.closest("[data-inline-panel-child]") === question;
      }
    );
  }

  function choicesPrefix(select) {
    // "questions-3-kind" -> "questions-3-choices"
    return select.name.replace(/-kind$/, "-choices");
  }

  function liveChoiceTexts(prefix) {
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var texts = [];
    if (!total) return texts;
    for (var i = 0; i < Number(total.value); i++) {
      var deleted = document.getElementById("id_" + prefix + "-" + i + "-DELETE");
      var text = document.getElementById("id_" + prefix + "-" + i + "-text");
      if (text && !(deleted && deleted.value)) texts.push(text);
    }
    return texts;
  }

  function addTrueFalseChoices(select, question) {
    var prefix = choicesPrefix(select);
    var existing = liveChoiceTexts(prefix);
    var filled = existing.filter(function (input) { return input.value.trim() !== ""; });
    if (filled.length) return; // the trainer's own answers stay as they are
    var holder = question.querySelector("[data-true-false-choices]");
    var add = document.getElementById("id_" + prefix + "-ADD");
    if (!holder || !add) return;
    var labels = holder.getAttribute("data-true-false-choices").split("|");
    while (liveChoiceTexts(prefix).length < labels.length) {
      var before = liveChoiceTexts(prefix).length;
      add.click();
      if (liveChoiceTexts(prefix).length === before) return; // the panel did not add one
    }
    liveChoiceTexts(prefix).forEach(function (input, index) {
      if (index < labels.length && input.value.trim() === "") input.value = labels[index];
    });
  }

  function update(select, typed) {
    var question = questionOf(select);
    if (!question) return;
    var kind = select.value;
    ownPanels(question).forEach(function (panel) {
      var kinds = panel.getAttribute("data-question-kinds").split(" ");
      panel.hidden = kinds.indexOf(kind) === -1;
    });
    if (typed && kind === "true_false") addTrueFalseChoices(select, question);
  }

  // Wagtail's rich text editor (Draftail) renders its textbox without a name (axe:
  // aria-input-field-name); name it by the field's own label, found through the hidden
  // input Draftail keeps next to it (<label id="id_x-label" for="id_x">).
  function nameRichTextBoxes(root) {
    root.querySelectorAll('[contenteditable="true"][role="textbox"]').forEach(function (box) {
      if (box.hasAttribute("aria-labelledby") || box.hasAttribute("aria-label")) return;
      var holder = box.closest("[data-field-input]");
      var input = holder && holder.querySelector("input[id]");
      var label = input && document.getElementById(input.id + "-label");
      if (label) box.setAttribute("aria-labelledby", label.id);
    });
  }

  function updateAll(root) {
    root.querySelectorAll(KIND_SELECT).forEach(function (select) { update(select, false); });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches(KIND_SELECT)) update(event.target, true);
  });

  function start() {
    updateAll(document);
    nameRichTextBoxes(document);
    if (window.MutationObserver) {
      // Draftail mounts its editors after load, and again for every new question.
      new MutationObserver(function () { nameRichTextBoxes(document); }).observe(
        document.body, { childList: true, subtree: true }
      );
    }
    // Questions added with "Frage hinzufügen" arrive later: set them up as they come.
    var forms = document.getElementById("id_questions-FORMS");
    if (forms && window.MutationObserver) {
      new MutationObserver(function (changes) {
        changes.forEach(function (change) {
          change.addedNodes.forEach(function (node) {
            if (node.nodeType === 1) updateAll(node);
          });
        });
      }).observe(forms, { childList: true });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
