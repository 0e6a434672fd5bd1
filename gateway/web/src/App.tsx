import { useEffect } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { sessionStore } from './auth/session';
import { HealthPage } from './health/HealthPage';
import { Sidebar } from './layout/Sidebar';
import { FriendsPage } from './pages/FriendsPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignupPage } from './pages/SignupPage';

export function App() {
  const navigate = useNavigate();

  // A refresh token the server rejected, or a terminal socket close, ends the session.
  useEffect(
    () => sessionStore.onExpired(() => navigate('/login', { replace: true, state: { expired: true } })),
    [navigate],
  );

  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/signup" element={<SignupPage />} />
          <Route path="/friends" element={<FriendsPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/health" element={<HealthPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
    </div>
  );
}
