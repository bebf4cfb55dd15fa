// The setting alerts.rules (see "Alerts" in docs/api.md): checked here for what can be seen
// without the server (JSON syntax, rule names, field types) so Save is not offered for a value
// that cannot work; ranges are left to the server, whose 400 message is shown.
export const kAlertRulesKey = 'alerts.rules';

const kFields: Record<string, Record<string, 'boolean' | 'number'>> = {
  crash_loop: { enabled: 'boolean', deaths: 'number', minutes: 'number' },
  error_rate: { enabled: 'boolean', threshold: 'number', min_requests: 'number', minutes: 'number' },
  unreachable: { enabled: 'boolean', minutes: 'number' },
  token_budget: { enabled: 'boolean', daily_tokens: 'number', stop_bot: 'boolean' },
};

export type RulesProblem =
  | { problem: 'notObject' }
  | { problem: 'unknownRule'; rule: string }
  | { problem: 'ruleNotObject'; rule: string }
  | { problem: 'fieldType'; rule: string; field: string; type: string }
  | { problem: 'perBot' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function alertRulesProblem(value: unknown): RulesProblem | null {
  if (!isObject(value)) return { problem: 'notObject' };
  for (const [rule, body] of Object.entries(value)) {
    const fields = kFields[rule];
    if (!fields) return { problem: 'unknownRule', rule };
    if (!isObject(body)) return { problem: 'ruleNotObject', rule };
    for (const [field, type] of Object.entries(fields)) {
      if (field in body && typeof body[field] !== type) {
        return { problem: 'fieldType', rule, field, type };
      }
    }
    if (rule === 'token_budget' && 'per_bot' in body) {
      const perBot = body.per_bot;
      if (!isObject(perBot) || !Object.values(perBot).every((n) => typeof n === 'number')) {
        return { problem: 'perBot' };
      }
    }
  }
  return null;
}
