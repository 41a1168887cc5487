/** Icons of the receipt area; decorative (hidden from screen readers), sized by the caller's class. */

export function PaperclipIcon({ className = "size-5" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M20.5 11.5 12.3 19.7a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
    </svg>
  );
}

/** A document with a folded corner and, when `label` is given, its kind ("PDF") on it. */
export function PageIcon({ className = "size-6", label }: { className?: string; label?: string }) {
  return (
    <svg viewBox="0 0 32 40" className={`shrink-0 ${className}`} aria-hidden>
      <path d="M4 3h17l8 8v26H4z" className="fill-white dark:fill-slate-900" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M21 3v8h8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      {label ? (
        <text x="16.5" y="29" textAnchor="middle" fontSize="9" fontWeight="700" fill="currentColor" fontFamily="system-ui, sans-serif">
          {label}
        </text>
      ) : (
        <path d="M9 18h14M9 23h14M9 28h9" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}

export function WarningIcon({ className = "size-5" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M10.3 4.2 2.6 17.5A2 2 0 0 0 4.3 20.5h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z" />
      <path d="M12 9.5v4.5M12 17.2v.1" />
    </svg>
  );
}

export function CameraIcon({ className = "size-5" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M4 8h3l1.5-2.5h7L17 8h3a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" />
      <circle cx="12" cy="13" r="3.5" />
    </svg>
  );
}

export function UploadIcon({ className = "size-5" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M12 15V4M7.5 8.5 12 4l4.5 4.5M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
    </svg>
  );
}

export function CloseIcon({ className = "size-5" }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={`shrink-0 ${className}`} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}

export function Spinner({ className = "size-4" }: { className?: string }) {
  return <span className={`${className} inline-block shrink-0 animate-spin rounded-full border-2 border-current/25 border-t-current`} aria-hidden />;
}
