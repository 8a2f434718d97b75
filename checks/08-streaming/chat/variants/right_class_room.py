# Another correct answer: a Room class (members sent to concurrently with gather); `room` is the Room.
import asyncio
from urllib.parse import parse_qs


class Room:
    def __init__(self):
        self.members = []

    def __len__(self):
        return len(self.members)

    def clear(self):
        self.members.clear()

    async def say(self, text):
        results = await asyncio.gather(
            *(member({"type": "websocket.send", "text": text}) for member in self.members), return_exceptions=True
        )
        return results


room = Room()


async def broadcast(text):
    await room.say(text)


async def app(scope, receive, send):
    if scope["type"] != "websocket":
        return
    name = (parse_qs(scope["query_string"].decode()).get("name") or ["anonymous"])[0]
    while True:
        event = await receive()
        if event["type"] == "websocket.connect":
            if scope["path"] != "/chat":
                return await send({"type": "websocket.close"})
            await send({"type": "websocket.accept"})
            room.members.append(send)
        elif event["type"] == "websocket.receive":
            await broadcast(f"{name}: {event['text']}")
        else:
            room.members.remove(send)
            return
