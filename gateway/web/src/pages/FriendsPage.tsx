export function FriendsPage() {
  return (
    <section className="panel" aria-labelledby="friends-title">
      <h1 id="friends-title">Friends</h1>
      <p className="muted">
        Coming soon: your friends with who is online, incoming and outgoing friend requests, user search, and
        blocked people.
      </p>
    </section>
  );
}
