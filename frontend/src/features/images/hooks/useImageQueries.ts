import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { BotImage } from '@/features/fleet/types';

import { addImage, deleteImage, getBuildLog, listImages, type AddImageInput } from '../api/imagesApi';

export const imageKeys = {
  list: ['images'] as const,
  log: (tag: string) => ['images', 'build-log', tag] as const,
};

const kBuildPollMs = 2000;

// While any image builds, the list is polled so its status turns to ready or failed by itself.
export function useImageList() {
  return useQuery({
    queryKey: imageKeys.list,
    queryFn: ({ signal }) => listImages(signal),
    refetchInterval: (query) =>
      query.state.data?.some((image) => image.status === 'building') ? kBuildPollMs : false,
  });
}

export function useBuildLog(tag: string | null, building: boolean) {
  return useQuery({
    queryKey: imageKeys.log(tag ?? ''),
    queryFn: ({ signal }) => getBuildLog(tag ?? '', signal),
    enabled: tag !== null,
    refetchInterval: building ? kBuildPollMs : false,
    staleTime: 0,
  });
}

export function useAddImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddImageInput) => addImage(input),
    meta: { handlesErrors: true },
    onSuccess: (image) =>
      queryClient.setQueryData<BotImage[]>(imageKeys.list, (images) => [
        ...(images ?? []).filter((item) => item.tag !== image.tag),
        image,
      ]),
  });
}

export function useDeleteImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteImage,
    onSuccess: (_nothing, tag) =>
      queryClient.setQueryData<BotImage[]>(imageKeys.list, (images) =>
        images?.filter((image) => image.tag !== tag),
      ),
  });
}
