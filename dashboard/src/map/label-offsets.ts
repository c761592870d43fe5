/**
 * Pixel offsets for district labels whose centres sit close together at city zoom: the four urban
 * districts are within a few kilometres of each other. Reference data of 黄石市 (GB/T 2260 codes).
 */
export const LABEL_OFFSETS: Record<string, [number, number]> = {
  '420202': [-18, -30], // 黄石港区: up
  '420203': [34, 10], // 西塞山区: right
  '420204': [0, 22], // 下陆区: down
  '420205': [-28, -4], // 铁山区: left
};
