// The end of an entity's form: delete (with the confirmation click), then `onDeleted`.
import { useAction } from '../state/useAction';
import { DeleteButton } from './DeleteButton';
import { Problems } from './Problems';

export function DeleteZone({ label, remove, onDeleted }: { label: string; remove: () => Promise<unknown>; onDeleted?: () => void }) {
  const del = useAction();
  return (
    <div className="danger-zone">
      <DeleteButton
        label={label}
        busy={del.busy}
        onConfirm={() =>
          void del
            .run(async () => {
              await remove();
              return true;
            })
            .then((ok) => ok && onDeleted?.())
        }
      />
      <Problems inline messages={del.error} />
    </div>
  );
}
