mod home;
mod library;
mod login;
mod not_found;
mod question;
mod register;
mod team;

pub use home::Home;
pub use library::Library;
pub use login::Login;
pub use not_found::NotFound;
pub use question::QuestionPage;
pub use register::Register;
pub use team::TeamPage;
