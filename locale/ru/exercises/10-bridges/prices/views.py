"""GET /products: все товары с последней сохранённой ценой, в JSON (чтобы увидеть, что сделала команда)."""

from django.http import JsonResponse

from catalog.models import Product


async def products(request):
    rows = [
        {"sku": product.sku, "name": product.name, "price": str(product.price) if product.price is not None else None}
        async for product in Product.objects.order_by("sku")
    ]
    return JsonResponse({"products": rows})
