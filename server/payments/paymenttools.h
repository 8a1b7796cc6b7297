#pragma once

class InvoiceService;
class McpRegistry;
class RecentInvoiceIds;

// Registers the payment tools (create_payment, check_balance, list_invoices, get_invoice, and
// simulate_payment when the provider is the sandbox), the resources payment://invoice/{id} and
// config://networks, and the prompts create_payment_prompt and balance_inquiry_prompt. Status
// changes of an invoice notify subscribers of its resource. The service and `ids` must outlive
// the registry's use of them.
void registerPaymentTools(McpRegistry& registry, InvoiceService& service, RecentInvoiceIds& ids);
