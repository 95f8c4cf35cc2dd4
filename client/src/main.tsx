import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import i18n from "./i18n";
import { App } from "./App";
import "./styles.css";

document.documentElement.lang = i18n.language;
document.title = i18n.t("app.name");

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
