import { useEffect, useState } from 'react';

// window.innerHeight, kept current on resize; for lists that fill the rest of the screen.
export function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight || 800);
  useEffect(() => {
    const update = () => setHeight(window.innerHeight || 800);
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return height;
}
