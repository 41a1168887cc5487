import { Button } from "../ui/button";

/** A save refused with 412: someone changed the expense since the form opened; reloading shows their version. */
export function StaleExpense({ onReload }: { onReload: () => void }) {
  return (
    <div
      role="alert"
      className="col-span-2 flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100 lg:order-last lg:col-span-12"
    >
      <p className="mr-auto">This expense was changed elsewhere. Reload to see the latest version.</p>
      <Button size="sm" onClick={onReload}>
        Reload
      </Button>
    </div>
  );
}
