import './components.css';

/** With a label it announces progress; without one it is decoration beside text that already says it. */
export function Spinner({ label }: { label?: string }) {
  if (!label) return <span className="spinner" aria-hidden="true" />;
  return <span className="spinner" role="progressbar" aria-label={label} />;
}
