import { api } from '@/lib/apiClient';

export interface Skill {
  id: number;
  skill_key: string;
  name: string;
  description: string;
  category: string;
  version: string | null;
  author: string | null;
  is_builtin: boolean;
  enabled: boolean;
  updated_at: string;
  skill_md?: string;
}

export interface SkillInput {
  skill_key: string;
  name: string;
  description: string;
  category: string;
  version?: string;
  author?: string;
  skill_md: string;
  enabled?: boolean;
}

export interface SkillList {
  skills: Skill[];
  categories: string[];
}

export function listSkills(q: string, category: string, signal?: AbortSignal): Promise<SkillList> {
  return api.get<SkillList>('/api/skills', { signal, query: { q, category } });
}

export function getSkill(id: number, signal?: AbortSignal): Promise<Skill> {
  return api.get<Skill>(`/api/skills/${id}`, { signal });
}

export function createSkill(input: SkillInput): Promise<Skill> {
  return api.post<Skill>('/api/skills', input);
}

export function updateSkill(id: number, input: Partial<SkillInput>): Promise<Skill> {
  return api.put<Skill>(`/api/skills/${id}`, input);
}

export function installSkill(botId: string, skillKey: string, replace: boolean): Promise<unknown> {
  return api.post(`/api/bots/${encodeURIComponent(botId)}/skills`, {
    skill_key: skillKey,
    replace,
  });
}
