import { reactive, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { apolloClient } from '@/api/client';
import { errorCode, errorDetails, errorMessage } from '@/api/errors';
import { LOGIN_CAPTCHA } from '@/graphql/auth';
import { useAuthStore } from '@/stores/auth';

const REMEMBER = 'hs.admin.lastUsername';

/**
 * The login form shared by the desktop and the phone page: the graphical captcha appears when
 * the server asks for it (CAPTCHA_REQUIRED / CAPTCHA_INVALID, or `captchaRequired` on a failure),
 * is single use, and is replaced after every failed attempt.
 */
export function useLoginForm(home: string) {
  const auth = useAuthStore();
  const router = useRouter();
  const route = useRoute();
  const form = reactive({
    username: localStorage.getItem(REMEMBER) ?? '',
    password: '',
    captchaAnswer: '',
  });
  const errors = reactive<{ username?: string; password?: string; captchaAnswer?: string }>({});
  const message = ref<string | null>(null);
  const submitting = ref(false);
  const captcha = ref<{ id: string; src: string } | null>(null);
  const captchaLoading = ref(false);

  async function loadCaptcha(): Promise<void> {
    captchaLoading.value = true;
    try {
      const { data } = await apolloClient.query<{ loginCaptcha: { id: string; svg: string } }>({
        query: LOGIN_CAPTCHA,
        fetchPolicy: 'no-cache',
      });
      captcha.value = {
        id: data.loginCaptcha.id,
        src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.loginCaptcha.svg)}`,
      };
      form.captchaAnswer = '';
    } catch (error) {
      message.value = errorMessage(error, '验证码加载失败，请点击图片重试');
    } finally {
      captchaLoading.value = false;
    }
  }

  function validate(): boolean {
    errors.username = form.username.trim() ? undefined : '请输入用户名';
    errors.password = form.password ? undefined : '请输入密码';
    errors.captchaAnswer = captcha.value && !form.captchaAnswer.trim() ? '请输入图形验证码' : undefined;
    return !errors.username && !errors.password && !errors.captchaAnswer;
  }

  async function submit(): Promise<void> {
    message.value = null;
    if (!validate() || submitting.value) return;
    submitting.value = true;
    try {
      const me = await auth.login({
        username: form.username,
        password: form.password,
        captchaId: captcha.value?.id ?? null,
        captchaAnswer: captcha.value ? form.captchaAnswer.trim() : null,
      });
      localStorage.setItem(REMEMBER, form.username.trim());
      const redirect =
        typeof route.query.redirect === 'string' && route.query.redirect.startsWith('/') ? route.query.redirect : home;
      if (me.mustChangePassword) await router.replace({ name: 'ChangePassword', query: { redirect } });
      else await router.replace(redirect);
    } catch (error) {
      const code = errorCode(error);
      const needsCaptcha =
        code === 'CAPTCHA_REQUIRED' || code === 'CAPTCHA_INVALID' || errorDetails(error).captchaRequired === true;
      message.value = errorMessage(error, '登录失败，请稍后重试');
      if (code === 'CAPTCHA_REQUIRED' || code === 'CAPTCHA_INVALID') errors.captchaAnswer = message.value;
      form.password = code === 'CAPTCHA_REQUIRED' || code === 'CAPTCHA_INVALID' ? form.password : '';
      // A captcha is single use: a new picture after every failure once one is needed.
      if (needsCaptcha || captcha.value) await loadCaptcha();
    } finally {
      submitting.value = false;
    }
  }

  return { form, errors, message, submitting, captcha, captchaLoading, loadCaptcha, submit };
}
