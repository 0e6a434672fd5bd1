export function ActionError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="action-error" role="alert" data-testid="action-error">
      {message}
    </p>
  );
}
