// Time left until a Unix-seconds expiry, ticking every second.
import { useEffect, useState } from 'react';
import { duration } from '../lib/time';

export function Countdown({ exp }: { exp: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = exp - now / 1000;
  return left > 0 ? <span className="ok">expires in {duration(left)}</span> : <span className="bad">expired {duration(-left)} ago</span>;
}
