import { gql } from '@apollo/client/core';

export const ME_FIELDS = gql`
  fragment MeFields on User {
    id
    username
    displayName
    mustChangePassword
    permissions
    phone
    lastLoginAt
    lastLoginIp
    passwordChangedAt
    department {
      id
      name
      district {
        code
        name
      }
    }
    roles {
      id
      code
      name
    }
  }
`;

export const ME = gql`
  query Me {
    me {
      ...MeFields
    }
  }
  ${ME_FIELDS}
`;

export const LOGIN = gql`
  mutation Login($username: String!, $password: String!, $captchaId: String, $captchaAnswer: String) {
    login(username: $username, password: $password, captchaId: $captchaId, captchaAnswer: $captchaAnswer) {
      accessToken
      refreshToken
      expiresIn
      mustChangePassword
    }
  }
`;

export const LOGIN_CAPTCHA = gql`
  query LoginCaptcha {
    loginCaptcha {
      id
      svg
      expiresIn
    }
  }
`;

export const LOGOUT = gql`
  mutation Logout {
    logout
  }
`;

export const CHANGE_PASSWORD = gql`
  mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
    changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {
      accessToken
      refreshToken
      expiresIn
      mustChangePassword
    }
  }
`;
