// Messages under (or beside) a control: client-side checks, the server's field problems, the
// error of an action. Nothing is rendered when there are none.
export function Problems({ messages, id, inline }: { messages?: readonly string[] | string | undefined; id?: string; inline?: boolean }) {
  const list = typeof messages === 'string' ? [messages] : (messages ?? []);
  if (list.length === 0) return null;
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag className="error" id={id} role="alert">
      {list.join(' · ')}
    </Tag>
  );
}
