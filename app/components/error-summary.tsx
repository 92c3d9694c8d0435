import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

export interface SummaryError {
  /** the control's id, e.g. field-phone */
  fieldId: string;
  /** what the link says: the field and what is wrong with it */
  text: string;
}

/**
 * What went wrong with a submitted form, at the top of the page, each error a link to its
 * field. After a failed submit it takes focus, so that the eye, the keyboard and a screen
 * reader all land on it instead of on the button at the bottom: `autoFocus` does it when the
 * answer is a new page (no JavaScript), the effect when the answer arrives as data
 * (`answer` changes with every submit, so a second failed submit moves focus back here too).
 */
export function ErrorSummary({
  title,
  errors,
  answer,
  children,
}: {
  title: string;
  errors: SummaryError[];
  answer: unknown;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [answer]);
  return (
    <div
      ref={ref}
      className="alert alert--error error-summary"
      role="alert"
      tabIndex={-1}
      autoFocus
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {title}
      </h2>
      {errors.length ? (
        <ul className="error-summary__list">
          {errors.map((error) => (
            <li key={error.fieldId}>
              <a href={`#${error.fieldId}`} onClick={goToField}>
                {error.text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}

/**
 * With JavaScript the link focuses its field and brings it, with its label, to the middle of
 * the screen. The browser's own fragment jump would put the field under the sticky header,
 * and the router would treat the new hash as a navigation that clears the errors.
 */
function goToField(event: MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  field.focus({ preventScroll: true });
  (field.closest(".field, .choice-field") ?? field).scrollIntoView({ block: "center" });
}
