import type { ReactNode } from "react";
import { Form } from "@remix-run/react";

/**
 * A one-button form that posts its intent (and any other fixed fields) to the page's
 * action: pay, cancel, send a code… Each is its own form, so no script is needed.
 */
export function IntentButton({
  intent,
  fields = {},
  className,
  formClassName,
  children,
}: {
  intent: string;
  fields?: Record<string, string>;
  className: string;
  formClassName?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" className={formClassName}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}
