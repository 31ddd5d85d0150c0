// Reports: the summary's "Print" button (the page prints as one A4 sheet through reports.css).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
