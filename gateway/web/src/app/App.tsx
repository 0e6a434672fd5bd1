import { useEffect, useRef } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { LoginPage } from '../account/login/LoginPage';
import { ForgotPasswordPage } from '../account/password/ForgotPasswordPage';
import { ResetPasswordPage } from '../account/password/ResetPasswordPage';
import { SettingsPage } from '../account/settings/SettingsPage';
import { SignupPage } from '../account/signup/SignupPage';
import { VerifySignupPage } from '../account/signup/VerifySignupPage';
import { sessionEndNotice } from '../api/messages';
import { loginState, RequireAuth } from '../auth/RequireAuth';
import { useServices } from '../auth/services';
import { CallProvider } from '../call/CallProvider';
import { ChatsPage } from '../chat/ChatsPage';
import { ChatProvider } from '../chat/store/ChatProvider';
import { HealthPage } from '../health/HealthPage';
import { Sidebar } from '../layout/Sidebar';
import { MediaProvider } from '../media/MediaProvider';
import { FriendsPage } from '../people/FriendsPage';
import { PersonPage } from '../people/PersonPage';
import { PeopleProvider } from '../people/store/PeopleProvider';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import styles from './App.module.css';

export function App() {
  const { session } = useServices();
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef(location);
  useEffect(() => {
    here.current = location;
  }, [location]);

  // A refresh token the server rejected, or a terminal socket close, ends the session: sign in again,
  // then come back here.
  useEffect(
    () =>
      session.onExpired(() => {
        const state = loginState(here.current, sessionEndNotice(session.endReason()));
        void navigate('/login', { replace: true, state });
      }),
    [session, navigate],
  );

  return (
    <MediaProvider>
      <PeopleProvider>
        <ChatProvider>
          <CallProvider>
            <div className={styles.app}>
              <Sidebar />
              <main className={styles.main}>
                <Routes>
                  <Route path="/" element={<HomePage />} />
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/signup" element={<SignupPage />} />
                  <Route path="/signup/verify" element={<VerifySignupPage />} />
                  <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                  <Route path="/reset-password" element={<ResetPasswordPage />} />
                  <Route
                    path="/chats/:conversationId?"
                    element={
                      <RequireAuth>
                        <ChatsPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/friends"
                    element={
                      <RequireAuth>
                        <FriendsPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/people/:id"
                    element={
                      <RequireAuth>
                        <PersonPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="/settings"
                    element={
                      <RequireAuth>
                        <SettingsPage />
                      </RequireAuth>
                    }
                  />
                  <Route path="/health" element={<HealthPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>
              </main>
            </div>
          </CallProvider>
        </ChatProvider>
      </PeopleProvider>
    </MediaProvider>
  );
}
