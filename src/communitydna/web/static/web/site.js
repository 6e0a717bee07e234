// Starts GOV.UK Frontend's components (error summary focus, character counts, …). Loaded
// as a module from a static file, so the Content-Security-Policy needs no inline script.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
