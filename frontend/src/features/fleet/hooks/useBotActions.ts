import { useMutation, useQueryClient } from '@tanstack/react-query';

import { createBot, deleteBot, startBot, stopBot } from '../api/botsApi';
import type { CreateBotInput } from '../types';

import { putBot, removeBot } from './botCache';

export function useStartBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startBot,
    onSuccess: (bot) => putBot(queryClient, bot),
  });
}

export function useStopBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: stopBot,
    onSuccess: (bot) => putBot(queryClient, bot),
  });
}

export function useDeleteBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBot,
    onSuccess: (_nothing, { id }) => removeBot(queryClient, id),
  });
}

// The form shows conflicts and validation errors next to its fields.
export function useCreateBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateBotInput) => createBot(input),
    meta: { handlesErrors: true },
    onSuccess: (bot) => putBot(queryClient, bot),
  });
}
