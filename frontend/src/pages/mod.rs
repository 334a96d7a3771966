mod home;
mod login;
mod not_found;
mod register;
mod team;

pub use home::Home;
pub use login::Login;
pub use not_found::NotFound;
pub use register::Register;
pub use team::TeamPage;
