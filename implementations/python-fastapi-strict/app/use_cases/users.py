"""Scenarios 03 and 04: reading and creating users."""

from ..domain.entities import NewUser, User
from ..domain.errors import UserNotFound
from ..ports import UserRepository


class ListUsers:
    def __init__(self, users: UserRepository) -> None:
        self.users = users

    async def __call__(self, limit: int) -> list[User]:
        return await self.users.first_users(limit)


class GetUser:
    def __init__(self, users: UserRepository) -> None:
        self.users = users

    async def __call__(self, user_id: int) -> User:
        user = await self.users.user_by_id(user_id)
        if user is None:
            raise UserNotFound(user_id)
        return user


class CreateUser:
    def __init__(self, users: UserRepository) -> None:
        self.users = users

    async def __call__(self, new_user: NewUser) -> User:
        return await self.users.insert(new_user)
