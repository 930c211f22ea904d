-- The store API's data, kept per tenant and environment.

create table product (
    id             varchar(36)   not null primary key,
    tenant_id      varchar(36)   not null,
    environment    varchar(32)   not null,
    name           varchar(200)  not null,
    sku            varchar(100)  not null,
    slug           varchar(200),
    description    varchar(2000),
    status         varchar(8)    not null,
    commodity_type varchar(16)   not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint        not null,
    constraint fk_product_tenant foreign key (tenant_id) references tenant (id),
    constraint uk_product_sku unique (tenant_id, environment, sku)
);

create table customer (
    id            varchar(36)  not null primary key,
    tenant_id     varchar(36)  not null,
    environment   varchar(32)  not null,
    name          varchar(200) not null,
    email         varchar(320) not null,
    password_hash varchar(200),
    created_at    timestamp with time zone not null,
    version       bigint       not null,
    constraint fk_customer_tenant foreign key (tenant_id) references tenant (id),
    constraint uk_customer_email unique (tenant_id, environment, email)
);

create table customer_address (
    id          varchar(36)  not null primary key,
    customer_id varchar(36)  not null,
    first_name  varchar(100),
    last_name   varchar(100),
    line_1      varchar(200) not null,
    line_2      varchar(200),
    city        varchar(100) not null,
    postcode    varchar(20)  not null,
    country     varchar(2)   not null,
    constraint fk_address_customer foreign key (customer_id) references customer (id)
);

create table customer_order (
    id           varchar(36) not null primary key,
    customer_id  varchar(36) not null,
    status       varchar(16) not null,
    total_amount bigint      not null,
    currency     varchar(3)  not null,
    created_at   timestamp with time zone not null,
    constraint fk_order_customer foreign key (customer_id) references customer (id)
);
