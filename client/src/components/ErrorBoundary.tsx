// The top-level error boundary: a calm sentence instead of a blank page.
import { Component, type ErrorInfo, type ReactNode } from "react";
import { withTranslation, type WithTranslation } from "react-i18next";

interface Props extends WithTranslation {
  children: ReactNode;
}

interface State {
  failed: boolean;
}

class Boundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Only the error's name and the component stack: never data that may be on screen.
    console.error(`Tafel: ${error.name}`, info.componentStack);
  }

  override render() {
    const { t, children } = this.props;
    if (!this.state.failed) return children;
    return (
      <section className="page page-narrow" role="alert">
        <h1>{t("errors.boundaryTitle")}</h1>
        <p>{t("errors.boundaryBody")}</p>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t("errors.reload")}
        </button>
      </section>
    );
  }
}

export const ErrorBoundary = withTranslation()(Boundary);
