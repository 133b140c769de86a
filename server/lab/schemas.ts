import { Type, type Static } from 'typebox';

// The lab routes' replies; the login and lab pages import the types.

export const SeedStoryReply = Type.Object({ created: Type.Boolean(), username: Type.String() });
export type SeedStoryReply = Static<typeof SeedStoryReply>;

/**
 * The gallery's manifest as `npm run gallery` wrote it (tests/gallery/capture.ts): passed through whole, so the
 * objects stay open; the members the lab page reads are named.
 */
export const GalleryReply = Type.Object(
  {
    chromium: Type.Union([Type.String(), Type.Null()]),
    shots: Type.Array(
      Type.Object(
        {
          variant: Type.String(),
          file: Type.String(),
          browser: Type.Optional(Type.String()),
          predicted: Type.String(),
          ocrText: Type.String(),
          titleMatches: Type.Boolean(),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: true },
);
export type GalleryReply = Static<typeof GalleryReply>;
