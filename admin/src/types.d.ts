declare module 'vue' {
  interface ComponentCustomProperties {
    /** Whether the signed-in person holds the permission (any of the codes). */
    $can: (code: string | string[]) => boolean;
  }
}

export {};
