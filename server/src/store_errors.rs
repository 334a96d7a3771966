//! Maps store-level failures that carry meaning for the user to [`AppError`]s.

use crate::error::AppError;
use crate::store::users::RegisterError;

pub fn register_error(err: RegisterError, not_open: fn() -> AppError) -> AppError {
    match err {
        RegisterError::EmailTaken => AppError::Conflict("an account with this e-mail address already exists".into()),
        RegisterError::AlreadyBootstrapped => not_open(),
        RegisterError::InviteUsed => AppError::Conflict("this invite has already been used or revoked".into()),
        RegisterError::Database(e) => AppError::Database(e),
    }
}
