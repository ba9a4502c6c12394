// Filters of /massnahmen: hide the measures that do not match (field, topic, words of the text, initiatives
// elsewhere) and the sections left empty; the count says how many remain. Works on the page as rendered.
(function () {
  "use strict";
  const form = document.getElementById("massnahmen-filter");
  if (!form) return;
  const measures = Array.from(document.querySelectorAll(".measure[data-field]"));
  function apply() {
    const field = form.elements.feld.value;
    const topic = form.elements.thema.value;
    const text = form.elements.text.value.trim().toLowerCase();
    const elsewhere = form.elements.anderswo.checked;
    let shown = 0;
    for (const m of measures) {
      const ok = (!field || m.dataset.field === field)
        && (!topic || m.dataset.topics.split("|").includes(topic))
        && (!text || m.textContent.toLowerCase().includes(text))
        && (!elsewhere || m.dataset.transfer === "1");
      m.hidden = !ok;
      if (ok) shown++;
    }
    for (const section of document.querySelectorAll("section.field")) {
      section.hidden = !section.querySelector(".measure[data-field]:not([hidden])");
    }
    const out = form.elements.anzahl;
    out.value = shown + " von " + measures.length + " " + out.dataset.plural;
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  apply();
})();
