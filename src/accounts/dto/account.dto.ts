import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotCommonPassword } from '../../auth/password-policy';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PasswordResetRequestDto {
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto {
  /** The `token` query parameter of the link in the reset mail. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;

  /** 8–128 characters; commonly used passwords are refused. */
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  @IsNotCommonPassword()
  password!: string;
}

export class EmailVerificationConfirmDto {
  /** The `token` query parameter of the link in the confirmation mail. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;
}

export class UpdateMeDto {
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(128)
  currentPassword!: string;

  /** 8–128 characters; commonly used passwords are refused. */
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  @IsNotCommonPassword()
  newPassword!: string;
}

export class DeleteAccountDto {
  /** The current password, to confirm that the account holder is asking. */
  @IsString()
  @MaxLength(128)
  password!: string;
}

/** The answer to a request whose outcome is mailed (the same whatever the outcome). */
export class AcceptedDto {
  message!: string;
}
