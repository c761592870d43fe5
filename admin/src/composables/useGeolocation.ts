import { onBeforeUnmount, ref } from 'vue';

export interface Fix {
  latitude: number;
  longitude: number;
  /** Metres, as the browser reports it. */
  accuracy: number;
  at: number;
}

const REASONS: Record<number, string> = {
  1: '未获得定位权限：请在浏览器设置中允许本网站使用位置信息',
  2: '暂时无法定位：请到开阔处或打开手机定位服务后重试',
  3: '定位超时：请到开阔处重试',
};

/**
 * The phone's position from the browser (1.3.5), kept current with watchPosition while the page is
 * open, with the accuracy the browser reports. High accuracy (GPS) is asked for: on a site the
 * inspector is outdoors, and a cell-tower fix is often a kilometre off.
 */
export function useGeolocation() {
  const fix = ref<Fix | null>(null);
  const error = ref<string | null>(null);
  let watchId: number | null = null;

  function start(): void {
    if (!('geolocation' in navigator)) {
      error.value = '此浏览器不支持定位';
      return;
    }
    if (watchId !== null) return;
    watchId = navigator.geolocation.watchPosition(
      (p) => {
        error.value = null;
        fix.value = {
          latitude: p.coords.latitude,
          longitude: p.coords.longitude,
          accuracy: p.coords.accuracy,
          at: p.timestamp,
        };
      },
      (e) => {
        error.value = REASONS[e.code] ?? '定位失败';
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
  }

  function stop(): void {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
  }

  onBeforeUnmount(stop);
  return { fix, error, start, stop };
}
