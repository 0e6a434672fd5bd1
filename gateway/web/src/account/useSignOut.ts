import { useNavigate } from 'react-router';
import { useAuth } from '../auth/services';

/** Signs out (the session is cleared at once, even if the logout call fails) and goes to /login. */
export function useSignOut(): () => void {
  const auth = useAuth();
  const navigate = useNavigate();
  return () => {
    void navigate('/login', { replace: true });
    void auth.signOut();
  };
}
