import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import i18n from "./i18n";
import { applyLanguage, currentLanguage } from "./i18n/language";
import { App } from "./App";
import "./styles.css";

applyLanguage(currentLanguage());
document.title = i18n.t("app.name");

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
