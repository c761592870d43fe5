export const LOGO = `${import.meta.env.BASE_URL}favicon.svg`;
export const PLATFORM_NAME = '黄石市建筑业一体化监管平台';
export const BUREAU_NAME = '黄石市住房和城乡建设局';
