/**
 * 关键岗位 (1.2.1, 4.3.2): the posts whose attendance the bureau watches separately. Data, loaded
 * into workforce.key_post by the first migration; an assignment to one of these posts is a key post.
 */
export const KEY_POSTS: readonly string[] = [
  '项目经理',
  '技术负责人',
  '质量负责人',
  '安全员',
  '总监理工程师',
  '专业监理工程师',
  '建设单位代表',
  '勘察负责人',
  '设计负责人',
];

/** Common 工种 (trades) offered by the forms; others may be typed in. */
export const COMMON_TRADES: readonly string[] = [
  '钢筋工',
  '木工',
  '混凝土工',
  '砌筑工',
  '架子工',
  '电工',
  '焊工',
  '抹灰工',
  '油漆工',
  '水暖工',
  '机械操作工',
  '普工',
  '管理人员',
];

export const isKeyPost = (post: string): boolean => KEY_POSTS.includes(post);
