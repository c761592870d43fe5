import { reactive, ref } from 'vue';
import { errorMessage, fieldErrors } from '@/api/errors';
import { useAuthStore } from '@/stores/auth';
import { passwordProblems } from '@/utils/password';

/** 修改密码: checks locally, then lets identity decide; its messages land next to the fields. */
export function usePasswordChange() {
  const auth = useAuthStore();
  const model = ref({ oldPassword: '', newPassword: '', confirm: '' });
  const errors = reactive<{ oldPassword?: string; newPassword?: string; confirm?: string }>({});
  const message = ref<string | null>(null);
  const saving = ref(false);

  function clear() {
    errors.oldPassword = errors.newPassword = errors.confirm = undefined;
    message.value = null;
  }

  function reset() {
    model.value = { oldPassword: '', newPassword: '', confirm: '' };
    clear();
  }

  async function submit(): Promise<boolean> {
    clear();
    const { oldPassword, newPassword, confirm } = model.value;
    if (!oldPassword) errors.oldPassword = '请输入原密码';
    const problems = passwordProblems(newPassword, auth.me?.username ?? '');
    if (!newPassword) errors.newPassword = '请输入新密码';
    else if (problems.length) errors.newPassword = `新密码须${problems.join('，')}`;
    else if (newPassword === oldPassword) errors.newPassword = '新密码不能与原密码相同';
    if (confirm !== newPassword) errors.confirm = '两次输入的新密码不一致';
    if (errors.oldPassword || errors.newPassword || errors.confirm) return false;
    saving.value = true;
    try {
      await auth.changePassword(oldPassword, newPassword);
      return true;
    } catch (error) {
      const fields = fieldErrors(error);
      errors.oldPassword = fields.oldPassword;
      errors.newPassword = fields.newPassword;
      if (!fields.oldPassword && !fields.newPassword) message.value = errorMessage(error, '修改密码失败');
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { model, errors, message, saving, submit, reset };
}
