// The product's mark: the same robot face as the favicon, drawn inline so it needs no request.
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1677ff" />
      <circle cx="11" cy="14" r="3" fill="#fff" />
      <circle cx="21" cy="14" r="3" fill="#fff" />
      <rect x="9" y="21" width="14" height="3" rx="1.5" fill="#fff" />
    </svg>
  );
}
