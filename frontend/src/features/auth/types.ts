export interface Session {
  role: string;
  csrf_token: string;
}
